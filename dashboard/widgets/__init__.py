"""Streamlit building blocks the pages share: tables and charts with downloads, the sidebar
filters and the care-plan, budget-override and price-proposal editors."""
