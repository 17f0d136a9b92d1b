"""Assessment (考核评估): the scheme (`scheme`), indicators from the records (`indicators`), scoring,
freezing, adjustments and appeals (`scoring`), and what is read back (`reports`)."""
