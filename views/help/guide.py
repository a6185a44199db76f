"""Help › 使用说明 (issue #19): the shift leader's guide shipped in
``resources/guide/``, shown in a QTextBrowser; F1 in the console opens it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

import resources

#: the guide, in Chinese (the floor's language); its images are the project's screenshots
GUIDE = Path(resources.__file__).resolve().parent / "guide" / "guide_zh_CN.html"
#: the same guide for an English interface (IT, a visiting auditor), its own screenshots
GUIDE_EN = GUIDE.with_name("guide_en.html")


def current_guide() -> Path:
    """The guide in the interface's language. The file's name is itself translated
    (Qt's idiom for a resource per language): the Chinese table names the Chinese
    guide, an English interface (no table) the English one."""
    name = QCoreApplication.translate("Guide", "guide_en.html")
    return GUIDE.with_name(name) if name in (GUIDE.name, GUIDE_EN.name) else GUIDE


class GuideWindow(QDialog):
    """The user's guide: a non-modal window beside the console."""

    def __init__(self, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideWindow")
        lay = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guideBrowser")
        self.browser.setOpenExternalLinks(False)
        #: a given file stays; else the guide follows the interface's language
        self.fixed = path
        self.browser.setSource(QUrl.fromLocalFile(str(path or current_guide())))
        lay.addWidget(self.browser)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.resize(820, 640)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("Guide", "User's guide"))
        want = QUrl.fromLocalFile(str(self.fixed or current_guide()))
        if self.browser.source() != want:
            self.browser.setSource(want)

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)
