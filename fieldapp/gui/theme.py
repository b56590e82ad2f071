"""The one ttkbootstrap theme, its fonts and the few named styles every screen shares."""

from __future__ import annotations

import tkinter.font as tkfont

import ttkbootstrap as ttk

# white background, dark text, saturated accents: readable in a bright meeting room
THEME = "bootstrap-light"
BASE_SIZE = 11
PAD = 8  # the one spacing unit (pixels); multiples of it keep screens aligned

# The colors named in bootstyles; kept here so screens agree on meanings.
REQUIRED = "danger"
PROBLEM = "danger"
SAVED = "success"

_fonts: list[tkfont.Font] = []


def setup_fonts(root: ttk.App, size: int = BASE_SIZE) -> None:
    """Make the Tk named fonts larger than Tk's default 9–10 pt, for a laptop at arm's length."""
    for name in ("TkDefaultFont", "TkTextFont", "TkMenuFont", "TkHeadingFont", "TkCaptionFont",
                 "TkTooltipFont", "TkSmallCaptionFont", "TkIconFont", "TkFixedFont"):
        try:
            tkfont.nametofont(name, root=root).configure(size=size)
        except Exception:  # a platform without this named font: keep its own
            continue
    families = set(tkfont.families(root))
    base = tkfont.nametofont("TkDefaultFont", root=root)
    family = base.actual("family")
    for wanted in ("Segoe UI", "Noto Sans", "DejaVu Sans"):
        if wanted in families:
            family = wanted
            break
    fonts = {
        "FieldappTitle": dict(size=size + 5, weight="bold"),
        "FieldappHeading": dict(size=size + 2, weight="bold"),
        "FieldappBold": dict(size=size, weight="bold"),
        "FieldappSmall": dict(size=size - 1),
        "FieldappItalic": dict(size=size, slant="italic"),
        "FieldappQuestion": dict(size=size + 1, weight="bold"),
    }
    for name, options in fonts.items():
        if name in tkfont.names(root):
            tkfont.nametofont(name, root=root).configure(family=family, **options)
        else:
            # Tk deletes a named font when its Python object goes: keep them with the root
            _fonts.append(tkfont.Font(root=root, name=name, family=family, **options))
    base.configure(family=family)


def setup_styles(root: ttk.App) -> None:
    """Named styles used across screens (fonts of headings, the page title, problems)."""
    style = root.style
    style.configure("Title.TLabel", font="FieldappTitle")
    style.configure("Heading.TLabel", font="FieldappHeading")
    style.configure("Question.TLabel", font="FieldappQuestion")
    style.configure("Small.TLabel", font="FieldappSmall")
    style.configure("Treeview", rowheight=int(BASE_SIZE * 2.6))
    # answers that cannot be changed (a final submission, a read-only question) are read by a
    # coordinator: normal contrast, not the pale grey of a disabled control (the indicator
    # and the field's background still show they are locked)
    fg = str(style.colors.fg)
    for name in ("TRadiobutton", "TCheckbutton", "TEntry", "TCombobox", "TSpinbox"):
        for prefix in ("", "success.", "primary.", "danger."):
            try:
                style.map(prefix + name, foreground=[("disabled", fg)])
            except Exception:  # a style this theme does not define
                continue


def colors(root: ttk.App) -> dict[str, str]:
    """The theme's colors by role (primary, danger, fg, bg, border, …), as ``#rrggbb``."""
    palette = root.style.colors
    out = {}
    for name in ("primary", "secondary", "success", "info", "warning", "danger", "light",
                 "dark", "bg", "fg", "border", "inputbg", "inputfg", "selectbg", "selectfg"):
        try:
            out[name] = str(getattr(palette, name))
        except AttributeError:
            continue
    return out


def apply(root: ttk.App) -> None:
    """Fonts and styles of the app, once the root exists."""
    setup_fonts(root)
    setup_styles(root)
