"""Sync by USB bundles: technician → coordinator (field bundles) and coordinator →
technicians (setup bundles), signed, imported all or nothing, conflicts kept.

Built like ``fieldapp/expr/``, one small module per step, data passed between them:

- ``manifest``: what a bundle is and holds (signed as its exact bytes);
- ``archive``: the zip opened without trusting it (names, links, counts, sizes, ratios);
- ``reader``: CSV tables → typed rows, problems named by member, line and column;
- ``validator``: the tables checked together and against the forms (``AnswerChecker`` and
  ``Known`` protocols, implemented by ``answercheck`` and ``local``);
- ``history``: the rules (same, older, newer, conflict) and the heads of a submission;
- ``writer``: one transaction applying a checked bundle (``copies`` reads and writes copies);
- ``exporter`` and ``safewrite``: the other direction; ``keys`` and ``trust``: who signs;
- ``conflicts`` and ``orgflags``: what a person decides afterwards.

Nothing here knows the capture layer or the analysis: forms are read through ``forms/``,
rows through ``store/``; the scores of arriving submissions are stored by ``storedscores``.

Where we differ from peers: ODK Central and KoboToolbox sync through a server and resolve
edits last-writer-wins; here there is no server, every copy keeps its revision history, and
two copies edited apart are both kept until a person chooses (the choice travels on).
Bundle CSVs carry cells exactly as stored (no spreadsheet formula guard): a formula-like
answer is imported as that text and never evaluated.
"""

from fieldapp.sync.exporter import export_bundle
from fieldapp.sync.importer import ImportOptions, import_bundle, import_bundles, verify_bundle
from fieldapp.sync.results import BundleReport, ExportResult

__all__ = ["BundleReport", "ExportResult", "ImportOptions", "export_bundle", "import_bundle",
           "import_bundles", "verify_bundle"]
