"""One running window per workspace: a second launch asks the first to come forward."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QDir, QObject
from PySide6.QtNetwork import QLocalServer

from app.ui.single_instance import InstanceServer, ask_running_instance, server_name


@pytest.fixture
def parent(qapp):
    owner = QObject()
    yield owner
    shiboken6.delete(owner)  # closes its servers now, removing their socket files


def test_second_launch_finds_the_first_and_asks_it_to_come_forward(qtbot, parent,
                                                                    tmp_path) -> None:
    server = InstanceServer(tmp_path / "shop", parent)
    with qtbot.waitSignal(server.activationRequested, timeout=3000):
        assert ask_running_instance(tmp_path / "shop") is True


def test_the_same_folder_spelled_differently_is_the_same_workspace(qtbot, parent,
                                                                   tmp_path) -> None:
    (tmp_path / "shop").mkdir()
    server = InstanceServer(tmp_path / "shop", parent)
    with qtbot.waitSignal(server.activationRequested, timeout=3000):
        assert ask_running_instance(tmp_path / "shop" / ".." / "shop") is True


def test_another_workspace_is_not_asked(qtbot, parent, tmp_path) -> None:
    server = InstanceServer(tmp_path / "shop", parent)
    with qtbot.assertNotEmitted(server.activationRequested, wait=200):
        assert ask_running_instance(tmp_path / "other", timeout_ms=200) is False


def test_nobody_running_means_start_normally(qapp, tmp_path) -> None:
    assert ask_running_instance(tmp_path / "shop", timeout_ms=200) is False


def test_each_launch_is_answered(qtbot, parent, tmp_path) -> None:
    server = InstanceServer(tmp_path / "shop", parent)
    for _ in range(3):
        with qtbot.waitSignal(server.activationRequested, timeout=3000):
            assert ask_running_instance(tmp_path / "shop")


def test_server_names_differ_per_workspace_and_are_safe_names(tmp_path) -> None:
    names = {server_name(tmp_path / "a"), server_name(tmp_path / "b")}
    assert len(names) == 2
    for name in names:
        assert name.startswith("community-desk-")
        assert name.replace("-", "").isalnum()


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes leave no file behind")
def test_a_stale_socket_from_a_crashed_instance_does_not_block_a_new_one(qtbot, parent,
                                                                          tmp_path) -> None:
    name = server_name(tmp_path / "shop")
    path = Path(QDir.tempPath()) / name
    # What a crash leaves: a bound socket file that nobody listens on any more.
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(path))
    stale.close()
    try:
        assert path.exists()
        probe = QLocalServer()
        assert not probe.listen(name), "the stale file should block a naive listen()"
        probe.close()
        assert ask_running_instance(tmp_path / "shop", timeout_ms=200) is False

        server = InstanceServer(tmp_path / "shop", parent)
        with qtbot.waitSignal(server.activationRequested, timeout=3000):
            assert ask_running_instance(tmp_path / "shop") is True
    finally:
        QLocalServer.removeServer(name)
