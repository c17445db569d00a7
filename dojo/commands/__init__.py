"""The commands of ``dojo``, one module each; every module's ``register`` adds its command.

``dojo.cli`` finds the modules of this package by name, so a new command is a new module.
"""
