from setuptools import find_packages, setup

# find: cannot see packages mapped from other folders, so list them here too.
setup(packages=find_packages(include=["converter", "converter.*"]) + ["converter.taxonomy_data", "converter.template_data"])
