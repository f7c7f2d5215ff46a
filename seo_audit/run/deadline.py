"""A per-page time limit that works wherever a page is audited: the main thread, a worker
process, a Dask worker's thread.

A watchdog timer raises PageTimeout in the auditing thread (`PyThreadState_SetAsyncExc`), which
Python delivers at the next bytecode, so a looping rule or a superlinear pass stops; a long call
inside C code (libxml2) stops when it returns. Signals would only reach the main thread.
"""

from __future__ import annotations

import ctypes
import threading
from types import TracebackType

from seo_audit.errors import PageTimeout


class Deadline:
    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._lock = threading.Lock()
        self._active = False
        self._fired = False
        self._thread = threading.get_ident()
        self._timer: threading.Timer | None = None

    def __enter__(self) -> Deadline:
        if self.seconds is not None and self.seconds > 0:
            self._thread = threading.get_ident()
            self._active = True
            self._timer = threading.Timer(self.seconds, self._fire)
            self._timer.daemon = True
            self._timer.start()
        return self

    def _fire(self) -> None:
        with self._lock:
            if not self._active:
                return
            self._fired = True
            ctypes.pythonapi.PyThreadState_SetAsyncExc(
                ctypes.c_ulong(self._thread), ctypes.py_object(PageTimeout)
            )

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._timer is None:
            return
        self._timer.cancel()
        with self._lock:
            self._active = False
            if self._fired and kind is None:
                # The limit passed just as the page finished: take back the exception that
                # has not been delivered yet; the page made it.
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._thread), None)
