"""Moving data between nodes: node keys, the signed and encrypted envelope, bundles, merge."""
