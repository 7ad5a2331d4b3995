#!/usr/bin/python3
"""
Runs Debian's vicc (python3-virtualsmartcard, `vicc -t ePass`: an ICAO passport with BAC written by the
vsmartcard project, not by us) as a card behind vpcd, for the interop integration test.

vsmartcard 0.8's ePass card generator is Python 2 code (raw_input, str MRZ, a broken TLV pack), so
`vicc -t ePass` cannot start on Debian 12's Python 3 at all. This driver keeps the card's own BAC, secure
messaging and file system, and only:
  - imports pycryptodome under the `Crypto` name it expects (Debian ships it as `Cryptodome`),
  - fixes the TLV `pack` helper (joins bytes as a list of ints under Python 3),
  - builds the ePass file system from the LDS files given in a JSON file ({"011E": "<hex>", ...}) instead
    of prompting on the terminal.
Usage: vicc-epass.py --port PORT --files FILES.json [--host 127.0.0.1]
"""
import argparse
import json
import logging
import sys

sys.path.insert(0, '/usr/lib/python3/site-packages/virtualsmartcard')
try:
    import Crypto.Cipher  # noqa: F401
except ImportError:
    import Cryptodome
    sys.modules['Crypto'] = Cryptodome

import virtualsmartcard.utils as vsutils  # noqa: E402
from virtualsmartcard.utils import inttostring  # noqa: E402

_stringtoint = vsutils.stringtoint


def stringtoint(data):
    """The library's stringtoint, also for one byte of a bytes object (an int under Python 3)."""
    return data if isinstance(data, int) else _stringtoint(data)


vsutils.stringtoint = stringtoint

import virtualsmartcard.TLVutils as TLVutils  # noqa: E402


def pack(tlv_data, recalculate_length=False):
    """The library's pack() with its Python 3 join fixed (same encoding rules)."""
    result = b""
    for data in tlv_data:
        tag, length, value = data[:3]
        if tag in (0xff, 0x00):
            result += inttostring(tag)
            continue
        if isinstance(value, str):
            value = value.encode('latin-1')
        if not isinstance(value, bytes):
            value = pack(value, recalculate_length)
        if recalculate_length:
            length = len(value)
        t = b""
        while tag > 0:
            t = inttostring(tag & 0xff) + t
            tag >>= 8
        if length < 0x80:
            ln = inttostring(length)
        else:
            ln = b""
            n = length
            while n > 0:
                ln = inttostring(n & 0xff) + ln
                n >>= 8
            ln = inttostring(0x80 | len(ln)) + ln
        result += t + ln + value
    return result


TLVutils.pack = pack

import virtualsmartcard.CryptoUtils as vsCrypto  # noqa: E402


def operation_on_string(string1, string2, op):
    """The library's byte-wise operation, on bytes (it used ord/chr on str)."""
    return bytes(op(a, b) for a, b in zip(string1, string2))


vsCrypto.operation_on_string = operation_on_string

import inspect  # noqa: E402
import textwrap  # noqa: E402
import virtualsmartcard.SEutils as SEutils  # noqa: E402


def py3_method(cls, name, fixes):
    """Recompiles one of the library's methods with mechanical str → bytes literal fixes (its logic as is)."""
    src = textwrap.dedent(inspect.getsource(getattr(cls, name)))
    for old, new in fixes:
        if old not in src:
            raise RuntimeError(f'{name}: cannot apply {old!r}')
        src = src.replace(old, new)
    scope = {}
    exec(compile(src, f'<py3 {name}>', 'exec'), vars(SEutils), scope)
    setattr(cls, name, scope[name])


py3_method(SEutils.Security_Environment, 'parse_SM_CAPDU', [
    ('return_data = ["", ]', 'return_data = [b"", ]'),
    ('to_authenticate = ""', 'to_authenticate = b""'),
    ('data="".join(return_data)', 'data=b"".join(return_data)'),
])
py3_method(SEutils.Security_Environment, 'protect_response', [
    ('return_data = ""', 'return_data = b""'),
    ('if result != "":', 'if result:'),
    ('encrypted = "\\x01" + encrypted', 'encrypted = b"\\x01" + encrypted'),
])

from virtualsmartcard.SmartcardFilesystem import MF, DF, TransparentStructureEF  # noqa: E402
import virtualsmartcard.CardGenerator as CardGenerator  # noqa: E402
from virtualsmartcard.VirtualSmartcard import VirtualICC  # noqa: E402


def build_card(files):
    from virtualsmartcard.cards.ePass import PassportSAM
    mf = MF()
    df = DF(parent=mf, fid=4, dfname=b'\xa0\x00\x00\x02G\x10\x01', bertlv_data=[])
    for fid_hex, data_hex in files.items():
        df.append(TransparentStructureEF(parent=df, fid=int(fid_hex, 16), filedescriptor=0,
                                         data=bytes.fromhex(data_hex)))
    mf.append(df)
    return mf, PassportSAM(mf)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--port', type=int, required=True)
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--files', required=True)
    parser.add_argument('-v', '--verbose', action='count', default=0)
    args = parser.parse_args()
    with open(args.files) as f:
        files = json.load(f)
    mf, sam = build_card(files)
    CardGenerator.CardGenerator.getCard = lambda self: (mf, sam)
    level = logging.DEBUG if args.verbose else logging.CRITICAL
    VirtualICC(None, 'ePass', args.host, args.port, logginglevel=level).run()


if __name__ == '__main__':
    main()
