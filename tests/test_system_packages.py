"""scripts/system_packages.sh picks, installs or asks for the right system packages.

The script asks the system everything through its sp_* functions; these tests replace them
(commands present, user id, sudo, distribution, Python, apt lists, apt itself) and read what it
would install, how, and what it tells the user. Nothing is installed.
"""

import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "system_packages.sh"
ALL_TEST_TOOLS = "chromium wkhtmltopdf soffice pdftotext zbarimg"
BUILD_TOOLS = "pg_config gcc"
ALL_TEST_PACKAGES = ["wkhtmltopdf", "chromium", "libreoffice-calc-nogui", "poppler-utils", "zbar-tools"]

FAKE = r"""
source "$SCRIPT"
sp_have() { [[ " $PRESENT " == *" $1 "* ]]; }
sp_have_file() { [[ " $FILES " == *" $1 "* ]]; }
sp_uid() { echo "$FAKE_UID"; }
sp_can_sudo() { [[ $SUDO == 1 ]]; }
sp_os_id() { echo "$OS"; }
sp_python_info() { echo "$PYINFO"; }
sp_apt_lists_present() { [[ $LISTS == 1 ]]; }
sp_run() {
  echo "$*" >> "$RUNLOG"
  if [[ " $* " == *" install "* ]]; then
    local left
    left=$(cat "$FAILS")
    if (( left > 0 )); then echo $((left - 1)) > "$FAILS"; return 100; fi
  fi
  return 0
}
ensure_system_packages "$@"
echo "exit=0"
"""


def run(
    tmp_path,
    *needs,
    present="apt-get",
    uid=0,
    sudo=False,
    os_id="debian",
    lists=True,
    pyinfo="/opt/py/include/python3.11 3.11 /opt/py 1",
    files="",
    install_failures=0,
):
    runlog = tmp_path / "runlog"
    runlog.write_text("")
    fails = tmp_path / "fails"
    fails.write_text(str(install_failures))
    env = dict(
        os.environ,
        SCRIPT=str(SCRIPT),
        PRESENT=present,
        FILES=files,
        FAKE_UID=str(uid),
        SUDO="1" if sudo else "0",
        OS=os_id,
        PYINFO=pyinfo,
        LISTS="1" if lists else "0",
        RUNLOG=str(runlog),
        FAILS=str(fails),
    )
    env.pop("PYTHON", None)
    proc = subprocess.run(
        ["bash", "-c", FAKE, "bash", *needs], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    commands = [line for line in runlog.read_text().splitlines() if line]
    return proc, commands


def installed(commands):
    """The packages of each apt-get install command, in order."""
    return [cmd.split(" -qq ", 1)[1].split() for cmd in commands if " install " in cmd]


def test_nothing_missing_does_nothing(tmp_path):
    proc, commands = run(tmp_path, "build", "run", "test", present=f"apt-get {ALL_TEST_TOOLS} {BUILD_TOOLS}")
    assert proc.returncode == 0, proc.stderr
    assert commands == []
    assert proc.stdout.strip() == "exit=0"


def test_debian_root_installs_every_test_package_once_without_update(tmp_path):
    proc, commands = run(tmp_path, "run", "test")
    assert proc.returncode == 0, proc.stderr
    assert installed(commands) == [ALL_TEST_PACKAGES]
    assert not [cmd for cmd in commands if "update" in cmd]
    assert not commands[0].startswith("sudo")
    # it says what it installs and why
    assert "chromium: headless browser for the UI tours" in proc.stdout
    assert "poppler-utils: pdftotext" in proc.stdout
    assert "zbar-tools: zbarimg" in proc.stdout
    assert "wkhtmltopdf: prints" in proc.stdout


def test_only_the_missing_commands_packages(tmp_path):
    # Google Chrome serves the tours as well as Chromium; LibreOffice is there
    proc, commands = run(tmp_path, "test", present="apt-get google-chrome soffice wkhtmltopdf zbarimg")
    assert proc.returncode == 0, proc.stderr
    assert installed(commands) == [["poppler-utils"]]


def test_ubuntu_names_the_browser_chromium_browser(tmp_path):
    proc, commands = run(
        tmp_path, "test", present="apt-get wkhtmltopdf soffice pdftotext zbarimg", os_id="ubuntu"
    )
    assert proc.returncode == 0, proc.stderr
    assert installed(commands) == [["chromium-browser"]]


def test_run_needs_only_wkhtmltopdf(tmp_path):
    proc, commands = run(tmp_path, "run")
    assert installed(commands) == [["wkhtmltopdf"]]


def test_build_with_system_python_without_headers_nor_venv(tmp_path):
    proc, commands = run(tmp_path, "build", pyinfo="/usr/include/python3.11 3.11 /usr 0")
    assert proc.returncode == 0, proc.stderr
    assert installed(commands) == [["libpq-dev", "gcc", "python3.11-dev", "python3.11-venv"]]


def test_build_with_system_python_with_headers(tmp_path):
    proc, commands = run(
        tmp_path,
        "build",
        present="apt-get gcc",
        pyinfo="/usr/include/python3.12 3.12 /usr 1",
        files="/usr/include/python3.12/Python.h",
    )
    assert installed(commands) == [["libpq-dev"]]


def test_build_with_own_python_needs_no_python_package(tmp_path):
    # pyenv, conda, python.org builds bring their headers and venv
    proc, commands = run(
        tmp_path, "build", pyinfo="/root/.pyenv/versions/3.11.7/include/python3.11 3.11 /root/.pyenv 1"
    )
    assert installed(commands) == [["libpq-dev", "gcc"]]


def test_a_package_wanted_twice_is_installed_once(tmp_path):
    proc, commands = run(tmp_path, "build", "run", "test", present="apt-get pg_config gcc")
    assert installed(commands) == [ALL_TEST_PACKAGES]


def test_non_root_with_passwordless_sudo_uses_sudo(tmp_path):
    proc, commands = run(tmp_path, "test", uid=1000, sudo=True)
    assert proc.returncode == 0, proc.stderr
    assert len(commands) == 1 and commands[0].startswith("sudo -n ")
    assert "through sudo" in proc.stdout


def test_non_root_without_sudo_stops_with_the_exact_command(tmp_path):
    proc, commands = run(tmp_path, "test", uid=1000, sudo=False, present="apt-get chromium soffice zbarimg")
    assert proc.returncode == 1
    assert commands == []
    assert "exit=0" not in proc.stdout
    assert (
        "sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y"
        " wkhtmltopdf poppler-utils" in proc.stderr
    )
    assert "wkhtmltopdf: prints the PDF reports" in proc.stderr


def test_or_warn_says_what_is_missing_and_goes_on(tmp_path):
    proc, commands = run(tmp_path, "--or-warn", "run", uid=1000, sudo=False)
    assert proc.returncode == 0
    assert commands == []
    assert "exit=0" in proc.stdout
    assert "sudo DEBIAN_FRONTEND=noninteractive apt-get install -y wkhtmltopdf" in proc.stderr
    assert "going on without them" in proc.stderr


def test_or_warn_goes_on_when_apt_fails(tmp_path):
    proc, commands = run(tmp_path, "--or-warn", "run", install_failures=5)
    assert proc.returncode == 0
    assert "exit=0" in proc.stdout
    assert sum("update" in cmd for cmd in commands) == 1
    assert "installing wkhtmltopdf failed" in proc.stderr


def test_without_apt_it_says_what_is_missing(tmp_path):
    proc, commands = run(tmp_path, "test", present="chromium soffice pdftotext")
    assert proc.returncode == 1
    assert commands == []
    assert "wkhtmltopdf" in proc.stderr and "no apt-get" in proc.stderr


def test_fresh_container_updates_once_before_installing(tmp_path):
    proc, commands = run(tmp_path, "test", lists=False)
    assert proc.returncode == 0, proc.stderr
    assert [("update" in cmd, "install" in cmd) for cmd in commands] == [(True, False), (False, True)]


def test_outdated_lists_update_once_then_retry(tmp_path):
    proc, commands = run(tmp_path, "run", install_failures=1)
    assert proc.returncode == 0, proc.stderr
    assert [("update" in cmd, "install" in cmd) for cmd in commands] == [
        (False, True),
        (True, False),
        (False, True),
    ]


@pytest.mark.parametrize("lists", [True, False])
def test_failing_install_stops_after_one_update(tmp_path, lists):
    proc, commands = run(tmp_path, "run", lists=lists, install_failures=5)
    assert proc.returncode == 1
    assert sum("update" in cmd for cmd in commands) == 1
    assert "installing wkhtmltopdf failed; run: sudo apt-get update && sudo" in proc.stderr


def test_dry_run_installs_nothing(tmp_path):
    env = dict(os.environ, CTXH_SYSTEM_PACKAGES_DRY_RUN="1")
    script = f"""
source {SCRIPT}
sp_have() {{ [[ $1 == apt-get ]]; }}
sp_uid() {{ echo 0; }}
sp_apt_lists_present() {{ return 0; }}
ensure_system_packages run
"""
    proc = subprocess.run(
        ["bash", "-c", script], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "would run: env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wkhtmltopdf" in proc.stdout
    assert "dry run, nothing installed" in proc.stdout


def test_unknown_need_is_an_error(tmp_path):
    proc, _commands = run(tmp_path, "deploy")
    assert proc.returncode == 2
    assert "unknown system package need 'deploy'" in proc.stderr
