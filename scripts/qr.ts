/**
 * QR CLI.
 *   npm run -s qr -- parse 'PAYLOAD'        → one JSON line: the identity (exit 0) or {"error":{code,message}} (exit 1)
 *   npm run -s qr -- expiry YYYY-MM-DD [YYYY-MM-DD|-]  → one JSON line: {"candidates":[YYMMDD…]}
 *   npm run -s qr -- listen [PATH] [BAUD]   → one JSON line per scan/error/status from a serial scanner (Ctrl-C stops)
 * Reads the payload from stdin when PAYLOAD is `-`.
 */
import { readFileSync } from 'node:fs';
import { candidateExpiryDates } from '../native/qr/expiry-candidates';
import { QrPayloadError } from '../native/qr/errors';
import { parseCccdQr } from '../native/qr/payload';

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

function usage(): never {
  process.stderr.write(
    "usage: qr parse 'PAYLOAD' | qr parse - (stdin) | qr expiry DOB [ISSUE|-] | qr listen [PATH] [BAUD]\n",
  );
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  if (command === 'parse') {
    if (args.length !== 1 || args[0] === undefined) usage();
    const payload = args[0] === '-' ? readFileSync(0, 'utf8') : args[0];
    try {
      print(parseCccdQr(payload));
      process.exitCode = 0;
    } catch (e) {
      const error =
        e instanceof QrPayloadError
          ? { code: e.code, message: e.message }
          : { code: 'qr-junk', message: 'unexpected failure while parsing' };
      print({ error });
      process.exitCode = 1;
    }
    return;
  }
  if (command === 'expiry') {
    const [dateOfBirth, issue] = args;
    if (!dateOfBirth) usage();
    print({
      candidates: candidateExpiryDates({ dateOfBirth, issueDate: issue && issue !== '-' ? issue : null }),
    });
    return;
  }
  if (command === 'listen') {
    const { SerialScanner } = await import('../native/qr/serial-scanner');
    const [path, baud] = args;
    const scanner = new SerialScanner({ path, baudRate: baud ? Number(baud) : undefined });
    scanner.on('scan', (payload: string) => print({ scan: payload }));
    scanner.on('error', (e: { code: string; message: string }) =>
      print({ error: { code: e.code, message: e.message } }),
    );
    scanner.on('status', (status: string) => print({ status }));
    scanner.start();
    process.on('SIGINT', () => void scanner.stop().then(() => process.exit(0)));
    return;
  }
  usage();
}

await main(process.argv.slice(2));
