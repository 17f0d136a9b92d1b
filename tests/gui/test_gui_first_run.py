"""First start: the wizard asks for the town and the administrator, and checks what it is given."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from desktop.db import Database
from desktop.services.accounts import auth
from desktop.services.system import town
from desktop.views.first_run import FirstRunWizard


def test_wizard_refuses_a_bad_area_code_next_to_the_field(qtbot: QtBot, empty_db: Database) -> None:
    wizard = FirstRunWizard(empty_db)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.town_page
    page.name.setText("清溪镇")
    page.area_code.setText("33012710400")  # 11 digits
    wizard.next()
    assert wizard.currentPage() is page
    assert "12 位数字" in page.form.error_for("area_code")
    page.area_code.setText("330127000000")  # a county's code, not a town's
    wizard.next()
    assert wizard.currentPage() is page
    assert "乡镇" in page.form.error_for("area_code")


def test_wizard_creates_town_and_admin_who_can_log_in(qtbot: QtBot, empty_db: Database) -> None:
    assert town.needs_first_run(empty_db)
    wizard = FirstRunWizard(empty_db)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.town_page
    page.name.setText("清溪镇")
    page.area_code.setText("330127104000")
    page.hub.setText("https://10.20.30.40:8443")
    wizard.next()
    admin = wizard.admin_page
    assert wizard.currentPage() is admin
    admin.display_name.setText("王建国")
    admin.password.setText("Qingxi2026")
    admin.confirm.setText("Qingxi2027")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert "不一致" in admin.form.error_for("confirm")
    assert town.needs_first_run(empty_db), "nothing is written while the form is invalid"

    admin.confirm.setText("Qingxi2026")
    with qtbot.waitSignal(wizard.accepted, timeout=2000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    info = town.get_town(empty_db)
    assert info is not None and info.name == "清溪镇" and info.county_hub_url == "https://10.20.30.40:8443"
    result = auth.login(empty_db, "admin", "Qingxi2026")
    assert result.actor.role_codes == ("admin",)


def test_the_county_settings_given_to_the_installer_are_filled_in(qtbot: QtBot, empty_db: Database) -> None:
    # As NSIS's WriteINIStr leaves it on a Chinese Windows: the ANSI code page, CRLF.
    ini = "[county]\r\nhub=https://10.1.2.3:8443\r\ntown=330127104000\r\nca=C:\\ProgramData\\TownCentre\\县级证书.pem\r\n"
    (empty_db.path.parent / "county.ini").write_bytes(ini.encode("gbk"))
    wizard = FirstRunWizard(empty_db)
    qtbot.addWidget(wizard)
    assert wizard.town_page.hub.text() == "https://10.1.2.3:8443"
    assert wizard.town_page.area_code.text() == "330127104000"
    assert town.county_defaults(empty_db.path.parent).ca.endswith("县级证书.pem")


def test_a_damaged_county_ini_fills_in_nothing(qtbot: QtBot, empty_db: Database) -> None:
    (empty_db.path.parent / "county.ini").write_bytes(b"\xff\x00[county\nhub")
    wizard = FirstRunWizard(empty_db)
    qtbot.addWidget(wizard)
    assert wizard.town_page.hub.text() == "" and wizard.town_page.area_code.text() == ""
