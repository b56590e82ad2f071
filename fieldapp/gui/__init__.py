"""The technician's desktop GUI (ttkbootstrap): screens that bind widgets to the core."""
