"""Windows is the technicians' main system: POSIX-only calls stay out of the code it runs.

A call or import that exists only on POSIX (``fcntl``, ``os.getuid``, ``signal.SIGKILL`` …) must
sit under a guard the reader can see: an ``if`` on ``os.name`` / ``sys.platform`` /
``hasattr(...)``, or a ``try`` that catches ``ImportError`` / ``AttributeError``.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "fieldapp"
POSIX_MODULES = {"fcntl", "pwd", "grp", "termios", "tty", "pty", "resource", "posix", "syslog",
                 "crypt", "spwd", "nis", "readline"}
POSIX_ATTRIBUTES = {
    "os": {"getuid", "geteuid", "getgid", "getegid", "fork", "forkpty", "killpg", "setsid",
           "getpgid", "setpgid", "fchown", "chown", "lchown", "mkfifo", "mknod", "fchmod",
           "getloadavg", "sysconf", "statvfs", "fstatvfs", "nice", "openpty", "sync", "wait",
           "waitpid", "WNOHANG", "O_DIRECTORY", "O_NOFOLLOW", "getpwuid", "setuid"},
    "signal": {"SIGKILL", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGCHLD", "SIGQUIT",
               "SIGSTOP", "SIGCONT", "alarm", "setitimer", "pause", "pthread_kill"},
}
GUARD_NAMES = {"name", "platform", "hasattr", "IS_WINDOWS", "IS_POSIX", "POSIX", "WINDOWS"}
GUARD_EXCEPTIONS = {"ImportError", "ModuleNotFoundError", "AttributeError"}


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _is_guard(node: ast.AST) -> bool:
    if isinstance(node, ast.If | ast.IfExp):
        names = {n.attr for n in ast.walk(node.test) if isinstance(n, ast.Attribute)}
        names |= {n.id for n in ast.walk(node.test) if isinstance(n, ast.Name)}
        return bool(names & GUARD_NAMES)
    if isinstance(node, ast.Try):
        caught = set()
        for handler in node.handlers:
            if handler.type is None:
                continue
            caught |= {n.id for n in ast.walk(handler.type) if isinstance(n, ast.Name)}
        return bool(caught & GUARD_EXCEPTIONS)
    return False


def _guarded(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if _is_guard(node):
            return True
    return False


def _posix_only(node: ast.AST) -> str | None:
    if isinstance(node, ast.Import):
        names = [alias.name.split(".")[0] for alias in node.names]
        return next((n for n in names if n in POSIX_MODULES), None)
    if isinstance(node, ast.ImportFrom) and node.module:
        if node.module.split(".")[0] in POSIX_MODULES:
            return node.module
        if node.module in POSIX_ATTRIBUTES:
            hit = {a.name for a in node.names} & POSIX_ATTRIBUTES[node.module]
            return f"{node.module}.{sorted(hit)[0]}" if hit else None
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        if node.attr in POSIX_ATTRIBUTES.get(node.value.id, ()):
            return f"{node.value.id}.{node.attr}"
    return None


def unguarded_posix_calls(root: Path = PACKAGE) -> list[str]:
    """``file:line: name`` for each POSIX-only import or attribute outside a guard."""
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        parents = _parents(tree)
        for node in ast.walk(tree):
            name = _posix_only(node)
            if name and not _guarded(node, parents):
                found.append(f"{path.relative_to(root.parent)}:{node.lineno}: {name}")
    return found


def test_posix_only_calls_are_guarded() -> None:
    assert unguarded_posix_calls() == []


def test_the_check_sees_an_unguarded_call_and_accepts_a_guarded_one(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text("import os, fcntl\nos.getuid()\n", encoding="utf-8")
    (tmp_path / "good.py").write_text(
        "import os, sys\n"
        "if os.name == 'posix':\n    import fcntl\n    os.getuid()\n"
        "try:\n    import pwd\nexcept ImportError:\n    pwd = None\n"
        "x = os.getuid() if sys.platform != 'win32' else 0\n", encoding="utf-8")
    found = unguarded_posix_calls(tmp_path)
    assert found == [f"{tmp_path.name}/bad.py:1: fcntl", f"{tmp_path.name}/bad.py:2: os.getuid"]
