"""Helpers every area uses: the unit of work, masking, ID checks, pinyin, working days."""
