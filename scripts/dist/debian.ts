/**
 * The Debian package's metadata: its name and paths, the runtime packages it needs (each tied to the commands
 * or libraries it provides, so a test can check that every command the host runs is declared), and the control
 * file. See scripts/dist/README.md.
 */
export const PACKAGE = 'vn-public-service-kiosk';
export const PREFIX = `/usr/lib/${PACKAGE}`;
export const ETC_DIR = `/etc/${PACKAGE}`;
export const VAR_DIR = `/var/lib/${PACKAGE}`;

/**
 * Runtime dependencies: the Debian package and why (the commands the host, the UI or the maintainer scripts run,
 * or the library/data they load). Debian 12 names.
 */
export const RUNTIME_DEPENDS: ReadonlyArray<{ pkg: string; commands: readonly string[]; why: string }> = [
  { pkg: 'pcscd', commands: ['pcscd'], why: 'PC/SC daemon for the card reader (host/devices/pcscd.ts)' },
  { pkg: 'libpcsclite1', commands: [], why: 'libpcsclite.so.1, loaded by the smartcard addon' },
  { pkg: 'libccid', commands: [], why: 'the USB CCID reader driver; its Info.plist names readers (host/devices/ccid-names.ts)' },
  { pkg: 'polkitd', commands: [], why: "pcscd asks polkit; deploy/polkit/50-kiosk-pcscd.rules lets user kiosk in" },
  { pkg: 'chromium', commands: ['chromium'], why: 'the kiosk screen without Electron (kiosk-ui)' },
  { pkg: 'cage', commands: ['cage'], why: 'the Wayland kiosk compositor of kiosk-ui.service' },
  { pkg: 'espeak-ng', commands: ['espeak-ng'], why: 'spoken guidance (native/speech)' },
  {
    pkg: 'alsa-utils',
    commands: ['aplay', 'amixer'],
    why: 'playing speech, the doctor sound check, the headphone-jack check (host/speech)',
  },
  { pkg: 'fonts-noto-core', commands: [], why: 'Noto Sans for receipts and reports (host/receipt/fonts.ts)' },
  { pkg: 'poppler-utils', commands: ['pdftoppm'], why: 'receipt PDF to raster for ESC/POS printers' },
  { pkg: 'cups-client', commands: ['lp', 'lpstat'], why: 'CUPS printers (native/printer)' },
  { pkg: 'sane-utils', commands: ['scanimage'], why: 'document scanning (host/attachments/scanner.ts)' },
  { pkg: 'systemd', commands: ['systemd-notify', 'systemd-creds', 'systemctl'], why: 'notify, credentials, units' },
  { pkg: 'udev', commands: ['udevadm'], why: 'device rules for the QR scanner, printer, camera' },
  { pkg: 'adduser', commands: ['adduser', 'deluser'], why: 'the kiosk system user (postinst, postrm)' },
  { pkg: 'init-system-helpers', commands: ['deb-systemd-helper'], why: 'enabling the units (postinst)' },
  { pkg: 'libc6 (>= 2.28)', commands: [], why: 'the shipped Node 20 runtime (GLIBC_2.28)' },
  { pkg: 'libstdc++6 (>= 6)', commands: [], why: 'the shipped Node 20 runtime and the native addons' },
];

/** Used when present: the speech player's fallback after aplay (native/speech/player.ts). */
export const RUNTIME_RECOMMENDS: ReadonlyArray<{ pkg: string; commands: readonly string[]; why: string }> = [
  { pkg: 'pulseaudio-utils', commands: ['paplay'], why: 'speech through PulseAudio/PipeWire when aplay has no device' },
];

/** Commands the host runs only in demo mode (never in the package's production kiosk): not dependencies. */
export const DEMO_ONLY_COMMANDS = ['pcsc_scan'] as const;

export function controlFile(o: { version: string; arch: string; installedSizeKb: number }): string {
  return [
    `Package: ${PACKAGE}`,
    `Version: ${o.version}`,
    `Architecture: ${o.arch}`,
    'Maintainer: Kiosk project <kiosk@example.invalid>',
    `Installed-Size: ${o.installedSizeKb}`,
    `Depends: ${RUNTIME_DEPENDS.map((d) => d.pkg).join(', ')}`,
    `Recommends: ${RUNTIME_RECOMMENDS.map((d) => d.pkg).join(', ')}`,
    // The installed kiosk never loads vpcd (a network port that pretends to be a card reader).
    'Conflicts: vsmartcard-vpcd',
    'Section: misc',
    'Priority: optional',
    "Description: Self-service kiosk for Vietnam's one-stop public service counters",
    ' Ki-ốt dịch vụ công: a citizen taps their chip ID card (CCCD) or shows its QR code and',
    ' completes one of the essential public services without an officer. This package runs',
    ' the kiosk host (on its own Node 20 runtime) as kiosk-host.service and the screen in',
    " Debian's Chromium under the cage compositor as kiosk-ui.service, in production mode.",
    ' Configuration: /etc/vn-public-service-kiosk; data: /var/lib/vn-public-service-kiosk.',
    '',
  ].join('\n');
}
