"""Records kept on disk instead of in memory, read back one at a time.

A batch's page reports are ~14 KB each and were all held until the report was written: 1 GB
at 20,000 pages, 50 GB at a million. A `Spill` is a sequence like a tuple (len, iteration in
order, indexing) whose items are pickled into an anonymous temporary file as they are
appended; memory is 8 bytes a record (its offset). Iterating reads a block of records at a
time, so several iterations may run at once (each reads at its own offsets). The file is our
own (created 0600 and unlinked at once by `tempfile`), so what is read back is what we wrote.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from array import array
from collections.abc import Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")

_FLUSH = 1 << 20  # bytes buffered before a write
_BLOCK = 1 << 20  # bytes read at a time while iterating


class Spill(Sequence[T], Generic[T]):
    def __init__(self, items: Sequence[T] = ()) -> None:
        # Open for the Spill's life (a report's pages), closed by close() or when collected.
        self._file = tempfile.TemporaryFile(prefix="seo-audit-")  # noqa: SIM115
        self._offsets = array("q", [0])  # record i is bytes offsets[i]:offsets[i + 1]
        self._buffer = bytearray()
        self._written = 0  # bytes of the file written so far; the buffer follows them
        for item in items:
            self.append(item)

    def append(self, item: T) -> None:
        self.append_pickled(pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL))

    def append_pickled(self, data: bytes) -> None:
        """An item someone pickled already (a worker process: `run.audit.Packed`), kept as
        it is rather than unpickled and pickled again. It must be a pickle of a T."""
        self._buffer += data
        self._offsets.append(self._offsets[-1] + len(data))
        if len(self._buffer) >= _FLUSH:
            self._flush()

    def _flush(self) -> None:
        if not self._buffer:
            return
        view = memoryview(self._buffer)
        while view:
            done = os.pwrite(self._file.fileno(), view, self._written)
            self._written += done
            view = view[done:]
        del view
        self._buffer.clear()

    def _read(self, start: int, end: int) -> bytes:
        data = os.pread(self._file.fileno(), end - start, start)
        if len(data) != end - start:
            raise OSError(f"the report's temporary file was cut short at byte {start}")
        return data

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...

    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        count = len(self)
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError("Spill index out of range")
        self._flush()
        loaded: T = pickle.loads(self._read(self._offsets[index], self._offsets[index + 1]))
        return loaded

    def __iter__(self) -> Iterator[T]:
        self._flush()
        offsets, count, index = self._offsets, len(self), 0
        while index < count:
            start = offsets[index]
            last = index + 1  # the records of this block: index .. last - 1, one at least
            while last < count and offsets[last + 1] - start <= _BLOCK:
                last += 1
            block = memoryview(self._read(start, offsets[last]))
            for record in range(index, last):
                item: T = pickle.loads(block[offsets[record] - start : offsets[record + 1] - start])
                yield item
            index = last

    def __eq__(self, other: Any) -> bool:
        # As a tuple of the same items compares: a report read back equals the report.
        if isinstance(other, (Spill, tuple, list)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Spill({len(self)} records)"

    def close(self) -> None:
        self._file.close()
