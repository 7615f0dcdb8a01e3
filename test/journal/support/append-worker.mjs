// Appends records of varying sizes as fast as it can, to race other processes
// doing the same. argv: <compiled append.js> <journal> <worker id> <count> <sync|async>
const [moduleFile, journal, worker, count, mode] = process.argv.slice(2);
const { appendRecord, appendRecordSync } = await import(moduleFile);
let state = Number(worker) * 7919 + 1;
const random = () => {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
};
for (let seq = 0; seq < Number(count); seq++) {
  const size = Math.floor(random() * 8000);
  const record = { worker: Number(worker), seq, size, pad: String.fromCharCode(97 + (seq % 26)).repeat(size) };
  if (mode === 'sync') appendRecordSync(journal, record);
  else await appendRecord(journal, record);
}
