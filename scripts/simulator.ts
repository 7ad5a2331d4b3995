/**
 * Reader simulator CLI.
 *   npm run -s simulator -- card --profile PATH|ID [--vpcd-port N] [--fault NAME ...] [--reader-name NAME] [--link SPEC]
 *     (--link: contactless timing, e.g. `424k,5-15`; see native/simulator/link-model.ts)
 *     Puts a virtual CCCD card into pcscd's vpcd reader; runs until SIGINT/SIGTERM. Once pcscd sees the card,
 *     prints ONE stdout line: {"event":"ready","reader":...,"idNumber":...,"fullName":...,"bac":{...}} (+ "can" for PACE cards).
 *   npm run -s simulator -- qr --profile PATH|ID [--eol cr|crlf|lf] [--delay-ms N]
 *     Makes a virtual USB-CDC QR scanner, prints the pty path the kiosk should open, then writes the
 *     profile's QR payload after --delay-ms (default 1000) and keeps running until SIGINT/SIGTERM.
 *   npm run -s simulator -- list     lists the profiles (id, card type).
 * Profiles are FICTIONAL people (fixtures/citizens). Diagnostics go to stderr.
 */
import { parseArgs } from 'node:util';
import {
  FAULT_NAMES,
  listProfiles,
  loadProfile,
  startVirtualCard,
  startVirtualScanner,
  SimulatorError,
} from '../native/simulator/index';

function usage(message?: string): never {
  if (message) process.stderr.write(`${message}\n`);
  process.stderr.write(
    'usage: simulator card --profile PATH|ID [--vpcd-port N] [--fault NAME ...] [--link 424k,5-15]\n' +
      '       simulator qr --profile PATH|ID [--eol cr|crlf|lf] [--delay-ms N]\n' +
      '       simulator list\n' +
      `faults: ${FAULT_NAMES.join(', ')}\n`,
  );
  process.exit(2);
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

async function card(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      profile: { type: 'string' },
      'vpcd-port': { type: 'string' },
      'vpcd-host': { type: 'string' },
      'reader-name': { type: 'string' },
      fault: { type: 'string', multiple: true },
      link: { type: 'string' },
    },
  });
  if (!values.profile) usage('--profile is required');
  const profile = loadProfile(values.profile);
  const port = values['vpcd-port'] ? Number(values['vpcd-port']) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536))
    usage('--vpcd-port must be a TCP port');
  let lastLinkError = '';
  const vc = await startVirtualCard({
    profile,
    faults: values.fault ?? [],
    ...(values.link ? { link: values.link } : {}),
    ...(port !== undefined ? { vpcdPort: port } : {}),
    ...(values['vpcd-host'] ? { vpcdHost: values['vpcd-host'] } : {}),
    ...(values['reader-name'] ? { readerName: values['reader-name'] } : {}),
    readyTimeoutMs: 0,
    onLinkError: (e) => {
      if (e.message !== lastLinkError)
        process.stderr.write(`simulator: waiting for pcscd/vpcd: ${e.message}\n`);
      lastLinkError = e.message;
    },
  });
  process.stdout.write(
    `${JSON.stringify({ event: 'ready', reader: vc.readerName, idNumber: profile.idNumber, fullName: profile.fullName, bac: profile.bac, ...(profile.chip?.pace ? { can: profile.chip.pace.can } : {}) })}\n`,
  );
  await untilSignal();
  await vc.stop();
}

async function qr(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { profile: { type: 'string' }, eol: { type: 'string' }, 'delay-ms': { type: 'string' } },
  });
  if (!values.profile) usage('--profile is required');
  const profile = loadProfile(values.profile);
  if (!profile.qr) usage(`profile ${profile.id} has no QR payload`);
  const eol = ({ cr: '\r', crlf: '\r\n', lf: '\n' } as const)[(values.eol ?? 'cr') as 'cr' | 'crlf' | 'lf'];
  if (!eol) usage('--eol must be cr, crlf or lf');
  const scanner = await startVirtualScanner();
  process.stdout.write(`${scanner.path}\n`);
  const delay = Number(values['delay-ms'] ?? 1000);
  const signal = untilSignal();
  const timer = setTimeout(() => {
    scanner
      .scan(profile.qr ?? '', { eol })
      .then(() => process.stderr.write(`simulator: wrote the QR of profile ${profile.id}\n`))
      .catch((e: Error) => process.stderr.write(`simulator: ${e.message}\n`));
  }, delay);
  await signal;
  clearTimeout(timer);
  await scanner.stop();
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  switch (command) {
    case 'card':
      return card(rest);
    case 'qr':
      return qr(rest);
    case 'list':
      for (const p of listProfiles())
        process.stdout.write(`${JSON.stringify({ id: p.id, cardType: p.cardType })}\n`);
      return;
    default:
      usage(command ? `unknown command ${command}` : undefined);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    const code = e instanceof SimulatorError ? e.code : 'simulator.failed';
    process.stderr.write(`${JSON.stringify({ event: 'error', code, message: (e as Error).message })}\n`);
    process.exit(1);
  },
);
