"""The suggestion model's training from the window. It runs in another process (``annotator model train``):
crfsuite holds the interpreter lock while it trains, so in a thread it would freeze the window for
seconds. The window starts it after every N new spans (Suggestions ▸ Retrain after…, default 20, 0 =
never) or on request, and reads the stored model when it is done.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog

if TYPE_CHECKING:
    from PySide6.QtCore import QProcess

    from annotator.gui.main_window import MainWindow

log = logging.getLogger("annotator.suggest")
RETRAIN_KEY = "suggestions/retrain_every"
DEFAULT_RETRAIN_EVERY = 20


class ModelTraining(QObject):
    """Retraining in the background: counts my new spans, starts ``annotator model train`` in its own
    process after every N of them, and when it is done shows the new scores and suggests again."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.process: QProcess | None = None
        self.new_spans = 0
        self._every: int | None = None  # the setting, read once: reading QSettings was a fiftieth of a tag

    @property
    def every(self) -> int:
        if self._every is None:
            self._every = int(self.window.settings.value(RETRAIN_KEY, DEFAULT_RETRAIN_EVERY))
        return self._every

    def set_every(self, value: int) -> None:
        """Retrain after every ``value`` new spans (0: never), kept in the settings."""
        self.window.settings.setValue(RETRAIN_KEY, value)
        self._every = value

    def ask_every(self) -> None:
        value, ok = QInputDialog.getInt(self.window, self.tr("Retrain the model"),
                                        self.tr("Retrain after this many new spans (0: never):"),
                                        self.every, 0, 100_000)
        if ok:
            self.set_every(value)

    def span_added(self) -> None:
        self.new_spans += 1
        if self.every and self.new_spans >= self.every and self.process is None:
            self.start()

    def start(self, manual: bool = False) -> bool:
        if self.process is not None:
            if manual:
                self.window.show_message(self.tr("The model is already being trained."))
            return False
        from PySide6.QtCore import QProcess, QProcessEnvironment

        self.new_spans = 0
        process = QProcess(self)
        environment = QProcessEnvironment.systemEnvironment()
        # The database and user go through the environment, not the command line (a team URL may hold a password).
        environment.insert("ANNOTATOR_DB", self.window.store.engine.url.render_as_string(hide_password=False))
        environment.insert("ANNOTATOR_USER", self.window.store.user)
        process.setProcessEnvironment(environment)
        process.finished.connect(lambda code, _status: self._finished(process, code))
        self.process = process
        self.window.update_suggestions_panel()  # its button: disabled while training
        self.window.show_message(self.tr("Training the suggestion model in the background…"))
        process.start(sys.executable, ["-m", "annotator", "model", "train"])
        return True

    def _finished(self, process: QProcess, code: int) -> None:
        self.process = None
        self.window.update_suggestions_panel()
        output = bytes(process.readAllStandardError().data()).decode("utf-8", "replace").strip()
        if code != 0:
            reason = output.splitlines()[-1] if output else f"exit {code}"
            log.warning("model training failed: %s", output)
            self.window.show_message(self.tr("The model was not trained: {reason}").format(reason=reason), error=True)
            return
        self.window.update_suggestions_panel(quality=True)
        self.window.suggesting.recompute()
        self.window.show_message(self.tr("Model trained: suggestions updated."))

    def wait(self, milliseconds: int = 30_000) -> None:
        if self.process is not None:
            self.process.waitForFinished(milliseconds)

    def stop(self) -> None:
        if self.process is not None:
            self.process.finished.disconnect()
            self.process.kill()
            self.process.waitForFinished(5000)
            self.process = None


__all__ = ["DEFAULT_RETRAIN_EVERY", "RETRAIN_KEY", "ModelTraining"]
