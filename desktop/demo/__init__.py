"""Demo-town generators: data for trying the program, not use cases."""
