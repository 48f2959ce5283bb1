// Test support: a child process that records synthetic samples (1,000 per second, channels a and b,
// a = the sample's sequence number) to the file named by argv[2] until it is killed.
// Prints `ready` once the first rows are on disk. Bundled with esbuild by the recorder crash test.
import { Recorder } from '../../main/recorder/recorder';

async function run(): Promise<void> {
  const recorder = new Recorder({ path: process.argv[2] });
  await recorder.start(['a', 'b']);
  let seq = 0;
  let announced = false;
  setInterval(() => {
    const now = Date.now();
    const samples = [];
    for (let i = 0; i < 10; i++, seq++) samples.push({ t: now, values: [seq, seq * 0.5] });
    recorder.write(['a', 'b'], samples);
    if (!announced && recorder.info().rows > 0) {
      announced = true;
      process.stdout.write('ready\n');
    }
  }, 10);
}

void run();
