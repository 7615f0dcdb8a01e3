// A bare OTLP/HTTP receiver on 127.0.0.1 for the export bench: it answers every
// POST with an empty ExportLogsServiceResponse (200), as a collector that took
// the records does, and prints its port. A process of its own, so the bench's
// synchronous timing of the CLI never blocks it. (The tests' receiver,
// test/support/otlp-receiver.ts, also decodes what it gets.)
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const json = (req.headers['content-type'] ?? '').includes('json');
    res.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
    res.end(json ? '{}' : '');
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
