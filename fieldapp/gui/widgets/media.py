"""Attachments (image, audio, video, file): chosen with a file dialog, images as a thumbnail."""

from __future__ import annotations

import tkinter as tk
from pathlib import Path
from fieldapp.gui.filedialogs import ask_open

import ttkbootstrap as ttk

from fieldapp.gui.theme import PAD
from fieldapp.gui.widgets.base import FieldWidget
from fieldapp.i18n import _

THUMBNAIL = 160  # pixels, the longer side

_PATTERNS = {
    "image": ("*.jpg", "*.jpeg", "*.png", "*.gif", "*.bmp", "*.webp", "*.tif", "*.tiff"),
    "audio": ("*.mp3", "*.m4a", "*.wav", "*.ogg", "*.amr", "*.aac"),
    "video": ("*.mp4", "*.3gp", "*.mov", "*.avi", "*.mkv", "*.webm"),
}


class MediaWidget(FieldWidget):
    """A button to attach a file, the attached file's name, and for images a thumbnail."""

    def build(self, body: ttk.Frame) -> None:
        self.choose = ttk.Button(body, text=_("Choose a file…"), bootstyle="secondary-outline",
                                 command=self.ask_file)
        self.choose.grid(row=0, column=0, sticky="w")
        self.name = ttk.Label(body, text="", bootstyle="secondary")
        self.name.grid(row=0, column=1, sticky="w", padx=PAD)
        self.remove = ttk.Button(body, text=_("Remove"), bootstyle="danger-link", takefocus=0,
                                 command=lambda: self.commit(""))
        self.thumb = ttk.Label(body)
        self._image = None  # keeps the PhotoImage alive while shown
        self._local: dict[str, Path] = {}  # file name → where it was picked, this session

    def ask_file(self) -> None:
        kind = self.question.type
        types = [(_("All files"), "*")]
        if kind in _PATTERNS:
            label = {"image": _("Images"), "audio": _("Audio"), "video": _("Video")}[kind]
            types.insert(0, (label, " ".join(_PATTERNS[kind])))
        chosen = ask_open(self.winfo_toplevel(), _("Choose a file"), types, purpose="media")
        if chosen:
            self.attach_file(chosen)

    def attach_file(self, file_path: str | Path) -> bool:
        """Attach ``file_path`` (what the file dialog does; tests call it with a path)."""
        path = Path(file_path)
        ok = self.host.attach(self, str(path))
        if ok:
            value = self.state_now.value if self.state_now else path.name
            self._local[value or path.name] = path
            self.show_value(value or path.name)
        return ok

    def show_value(self, raw: str) -> None:
        self.name.configure(text=raw or _("No file attached"))
        if raw:
            self.remove.grid(row=0, column=2, sticky="w")
        else:
            self.remove.grid_remove()
        self._show_thumbnail(raw)

    def _show_thumbnail(self, raw: str) -> None:
        self._image = None
        if not raw or self.question.type != "image":
            self.thumb.grid_remove()
            return
        data = None
        source = self._local.get(raw)
        try:
            if source is not None and source.exists():
                data = source.read_bytes()
            else:
                data = self.host.attachment_bytes(raw)
        except Exception:  # a missing or unreadable file: show the name only
            data = None
        if not data:
            self.thumb.grid_remove()
            return
        try:
            import io

            from PIL import Image, ImageTk

            with Image.open(io.BytesIO(data)) as image:
                image.thumbnail((THUMBNAIL, THUMBNAIL))
                self._image = ImageTk.PhotoImage(image.copy(), master=self)
        except Exception:  # not an image Pillow can read: the name is enough
            self.thumb.grid_remove()
            return
        self.thumb.configure(image=self._image)
        self.thumb.grid(row=1, column=0, columnspan=3, sticky="w", pady=(PAD, 0))

    def inputs(self) -> list[tk.Misc]:
        return [self.choose]

    def destroy(self) -> None:
        self._image = None  # freed here, on the Tk thread, not by a collector elsewhere
        super().destroy()

    def set_editable(self, editable: bool) -> None:
        self.choose.configure(state="normal" if editable else "disabled")
        self.remove.configure(state="normal" if editable else "disabled")
