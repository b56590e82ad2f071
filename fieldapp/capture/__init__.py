"""Capture: a form session bound to a stored submission, every change autosaved.

This is the API the GUI and the ``fill``/``submissions`` commands share. Each edit runs the
form session, then persists its writes (answers + audit) in one short transaction; a
finalized submission is locked by the store, which refuses every later write.
"""

from fieldapp.capture.session import (CaptureSession, FinalizeError, finalize_submission,
                                      open_capture, start_capture)

__all__ = ["CaptureSession", "FinalizeError", "finalize_submission", "open_capture",
           "start_capture"]
