"""The dashboard's data access: a reader on the warehouse (`reader`), the served and cached
engine the pages read through (`engine`), and the page queries by area (value, ops, budget,
careplan, quality, setup …), plain functions of a reader that return DataFrames."""
