"""Printed reports (reportlab): the cooperative feedback report and the network indicator
report. Lays out typed results computed by ``fieldapp.analysis``; never imports the GUI.

fonts → styles → pages, charts, tables (the foundation) → content (what a report shows),
preferences (paper, logo) →
coop (with its livelihood section), network (layouts) → sources (content from the
indicators) → batch (many PDFs).
"""
