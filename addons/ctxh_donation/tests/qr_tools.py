"""Read a QR code back as a phone does: decode the image (zbarimg, Debian's zbar-tools) and
parse the EMV payload (tag, length, value) of a VietQR code."""

import base64
import shutil
import subprocess
import tempfile


def decode_qr_png(png):
    """The text of the QR code in a PNG image (bytes), decoded by zbarimg."""
    zbarimg = shutil.which("zbarimg")
    if not zbarimg:
        raise AssertionError("zbarimg not found: install zbar-tools (scripts/system_packages.sh, test)")
    with tempfile.NamedTemporaryFile(suffix=".png") as image:
        image.write(png)
        image.flush()
        result = subprocess.run(  # noqa: S603 - a fixed binary on a file we wrote
            [zbarimg, "--raw", "-q", image.name], capture_output=True, check=True, timeout=30
        )
    return result.stdout.decode().strip()


def decode_qr_data_uri(uri):
    prefix = "data:image/png;base64,"
    if not uri.startswith(prefix):
        raise AssertionError(f"not a PNG data URI: {uri[:40]}")
    return decode_qr_png(base64.b64decode(uri[len(prefix) :]))


def parse_emv(payload):
    """{tag: value} of an EMV string (values of templates stay strings: parse them again)."""
    fields, index = {}, 0
    while index < len(payload):
        tag, length = payload[index : index + 2], int(payload[index + 2 : index + 4])
        fields[tag] = payload[index + 4 : index + 4 + length]
        index += 4 + length
    return fields


def crc16(data):
    crc = 0xFFFF
    for byte in data.encode():
        crc ^= byte << 8
        for _bit in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
    return format(crc & 0xFFFF, "04X")


def read_vietqr(payload):
    """What a banking app reads in a VietQR payload: bank BIN, account number, amount (or None),
    transfer content, currency; the CRC checked."""
    fields = parse_emv(payload)
    if crc16(payload[:-4]) != fields["63"]:
        raise AssertionError(f"bad CRC in {payload}")
    merchant = parse_emv(fields["38"])
    network = parse_emv(merchant["01"])
    additional = parse_emv(fields.get("62", ""))
    return {
        "guid": merchant["00"],
        "bin": network["00"],
        "account": network["01"],
        "service": merchant.get("02"),
        "currency": fields["53"],
        "amount": fields.get("54"),
        "country": fields["58"],
        "content": additional.get("08"),
    }
