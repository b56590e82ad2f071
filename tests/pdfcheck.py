"""Reading a PDF back in tests: its text, its fonts, its page sizes, its pages as PNG."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "report-artifacts"  # gitignored: the pages, for a person to look at


def text(path: Path) -> str:
    """All the text of the PDF (pdftotext when present: it keeps reading order best)."""
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                             text=True, check=True)
        return out.stdout
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def fonts(path: Path) -> dict[str, bool]:
    """Every font the pages use → whether its file is embedded."""
    found: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font.get("/BaseFont"))] = embedded
    return found


def page_sizes(path: Path) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(path).pages]


def to_png(path: Path, name: str, *, dpi: int = 60) -> list[Path]:
    """The pages as PNG under ``report-artifacts/`` (kept after the run)."""
    ARTIFACTS.mkdir(exist_ok=True)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(ARTIFACTS / name)],
                   check=True)
    return sorted(ARTIFACTS.glob(f"{name}-*.png"))


def ink_outside_margins(png: Path, *, margin_pt: float, dpi: int, footer_pt: float) -> int:
    """Dark pixels in the left and right margins above the footer: text or a chart that
    runs off its frame."""
    image = Image.open(png).convert("L")
    scale = dpi / 72
    margin = int(margin_pt * scale) - 2
    bottom = image.height - int(footer_pt * scale)
    count = 0
    for box in ((0, 0, margin, bottom), (image.width - margin, 0, image.width, bottom)):
        histogram = image.crop(box).histogram()
        count += sum(histogram[:160])
    return count
