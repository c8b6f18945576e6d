"""Pure domain: enumerations, value objects, validators and the error hierarchy. No I/O."""
