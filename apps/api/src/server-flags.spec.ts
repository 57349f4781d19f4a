import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('the servers’ memory budget', () => {
  it('is the same in the image as under npm start, the bench and the fault suite', () => {
    const flags = JSON.parse(read('scripts/lib/server-node-flags.json')) as string[];
    const image = /^ENV NODE_OPTIONS="([^"]*)"$/m.exec(read('Dockerfile'))![1].split(' ');
    expect(flags.length).toBeGreaterThan(0);
    expect(image).toEqual(flags);
  });
});
