"""Sync → Trusted devices…: the laptops whose bundles are accepted here, their key
fingerprints, and revoking or trusting one again."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ttkbootstrap as ttk

from fieldapp.errors import FieldappError
from fieldapp.formatting import when
from fieldapp.gui.dialogs import Dialog
from fieldapp.gui.tables import fit_headings
from fieldapp.gui.theme import PAD
from fieldapp.i18n import N_, _

if TYPE_CHECKING:
    from fieldapp.gui.app import Shell


def register(shell: "Shell") -> None:
    shell.add_command(N_("Sync"), N_("Trusted devices…"), lambda: open_devices(shell),
                      enabled=lambda: shell.db is not None)


class DevicesDialog:
    """The table of devices and the two actions on the selected one."""

    def __init__(self, shell: "Shell") -> None:
        self.shell = shell
        dialog = self.dialog = Dialog(shell.root, _("Trusted devices"), width=900)
        self.table = ttk.Treeview(dialog.body, columns=("who", "key", "trusted", "revoked"),
                                  show="headings", height=10, selectmode="browse")
        for column, title, width in (("who", _("Technician"), 180), ("key", _("Key"), 180),
                                     ("trusted", _("Trusted since"), 150),
                                     ("revoked", _("Revoked"), 150)):
            self.table.heading(column, text=title)
            self.table.column(column, width=width)
        fit_headings(self.table)
        self.table.tag_configure("revoked", foreground="#c0392b")
        self.table.pack(fill="both", expand=True)
        self.status = ttk.Label(dialog.body, text="", wraplength=860, justify="left")
        self.status.pack(anchor="w", fill="x", pady=(PAD, 0))
        dialog.add_button(_("Close"), dialog.close, bootstyle="secondary-outline")
        self.retrust_button = dialog.add_button(_("Trust again"), self.retrust,
                                                bootstyle="secondary")
        self.revoke_button = dialog.add_button(_("Revoke"), self.revoke, bootstyle="danger")
        # each action only for the device it applies to (none with nothing chosen)
        self.table.bind("<<TreeviewSelect>>", lambda e: self._update_buttons(), add="+")
        self.reload()
        dialog.show(self.table)

    def reload(self) -> None:
        from fieldapp.sync.trust import list_devices

        self.table.delete(*self.table.get_children())
        devices = list_devices(self.shell.db)
        for device in devices:
            self.table.insert("", "end", iid=device.device_id,
                              tags=("revoked",) if device.revoked_at else (),
                              values=(device.technician or device.device_id[:8],
                                      device.fingerprint, when(device.trusted_at),
                                      when(device.revoked_at)))
        if not devices:
            self.status.configure(text=_("No devices yet: a device is trusted when its first"
                                         " bundle is imported."), bootstyle="secondary")
        self._update_buttons()

    def _update_buttons(self) -> None:
        device = self._selected()
        revoked = device is not None and "revoked" in self.table.item(device, "tags")
        self.revoke_button.configure(
            state="normal" if device is not None and not revoked else "disabled")
        self.retrust_button.configure(state="normal" if revoked else "disabled")

    def _selected(self) -> str | None:
        selected = self.table.selection()
        return selected[0] if selected else None

    def revoke(self) -> None:
        from fieldapp.sync.trust import revoke_device

        self._act(revoke_device, _("Revoked: its later bundles will be refused."))

    def retrust(self) -> None:
        from fieldapp.sync.trust import retrust_device

        self._act(retrust_device, _("Trusted again."))

    def _act(self, action, done: str) -> None:
        device = self._selected()
        if device is None:
            self.status.configure(text=_("Select a device first."), bootstyle="danger")
            return
        try:
            action(self.shell.db, device)
        except FieldappError as exc:
            self.status.configure(text=str(exc), bootstyle="danger")
            return
        self.reload()
        self.table.selection_set(device)
        self._update_buttons()
        self.status.configure(text=done, bootstyle="success")


def open_devices(shell: "Shell") -> DevicesDialog:
    """Open the Trusted devices screen."""
    return DevicesDialog(shell)
