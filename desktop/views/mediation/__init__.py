"""The mediation area (人民调解): case list and detail, step forms, print preview."""
