"""Operations on top of the library: the command line, its commands, and the validation service. Nothing below imports this package."""
