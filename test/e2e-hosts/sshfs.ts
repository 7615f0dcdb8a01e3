import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One folder seen through several sshfs mounts over 127.0.0.1: a network
 * file system on a machine whose kernel has no NFS. Each mount is its own
 * SFTP session with its own FUSE cache, so what one "host" writes reaches
 * another only through the server, as on NFS; caching is turned off so
 * that reads see other mounts' writes (as NFS's close-to-open rule does for
 * a file opened after another host closed it).
 */
export interface SharedFolder {
  /** the folder itself, on the server side */
  share: string;
  /** one mount point per host name */
  mounts: Record<string, string>;
  /** unmounts everything and stops sshd; safe to call twice */
  close(): void;
}

const SSHD = '/usr/sbin/sshd';

/** Why the test cannot run here, or null: FUSE and the Debian packages (installed when missing, as root). */
export function sshfsUnavailable(): string | null {
  if (process.platform !== 'linux') return 'sshfs mounts need Linux';
  if (!existsSync('/dev/fuse')) return 'no /dev/fuse: FUSE is not available in this machine or container';
  const missing = () => !has('sshfs') || !existsSync(SSHD) || !has('ssh-keygen');
  if (missing()) {
    if (process.getuid?.() !== 0) return 'sshfs or openssh-server is missing and we are not root to install them';
    const install = spawnSync(
      'sh',
      ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sshfs openssh-server'],
      { stdio: 'inherit', timeout: 300_000 },
    );
    if (install.status !== 0 || missing()) return 'sshfs and openssh-server could not be installed with apt-get';
  }
  return null;
}

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** sshd on a free port of 127.0.0.1 with a fresh host key, root allowed by a fresh key; then one mount per host. */
export async function shareFolder(hosts: string[]): Promise<SharedFolder> {
  const dir = mkdtempSync(join(tmpdir(), 'ns-hosts-'));
  const share = join(dir, 'share');
  mkdirSync(share);
  for (const key of ['host_key', 'client_key'])
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, key)]);
  execFileSync('cp', [join(dir, 'client_key.pub'), join(dir, 'authorized_keys')]);
  const port = await freePort();
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PasswordAuthentication no',
      'PermitRootLogin prohibit-password',
      'StrictModes no',
      'UsePAM no',
      `PidFile ${join(dir, 'sshd.pid')}`,
      'Subsystem sftp internal-sftp',
      '',
    ].join('\n'),
  );
  mkdirSync('/run/sshd', { recursive: true }); // its privilege separation directory
  const sshd: ChildProcess = spawn(SSHD, ['-D', '-f', join(dir, 'sshd_config'), '-E', join(dir, 'sshd.log')], {
    stdio: 'ignore',
  });
  const mounts: Record<string, string> = {};
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    for (const mount of Object.values(mounts)) {
      if (spawnSync('fusermount3', ['-u', '-z', mount], { stdio: 'ignore' }).status !== 0)
        spawnSync('umount', ['-l', mount], { stdio: 'ignore' });
    }
    sshd.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const options = [
      `IdentityFile=${join(dir, 'client_key')}`,
      'StrictHostKeyChecking=no',
      'UserKnownHostsFile=/dev/null',
      'LogLevel=ERROR',
      `port=${port}`,
      // no cache of attributes, names or directory listings: another mount's writes are seen at once
      'cache=no',
      'attr_timeout=0',
      'entry_timeout=0',
      'negative_timeout=0',
    ].join(',');
    for (const host of hosts) {
      const mount = join(dir, `mount-${host}`);
      mkdirSync(mount);
      const deadline = Date.now() + 10_000;
      for (;;) {
        // sshd may still be starting: try again until it answers
        const mounted = spawnSync('sshfs', ['-o', options, `root@127.0.0.1:${share}`, mount], { encoding: 'utf8' });
        if (mounted.status === 0) break;
        if (Date.now() > deadline) throw new Error(`sshfs could not mount ${share} on ${mount}: ${mounted.stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      mounts[host] = mount;
    }
  } catch (error) {
    close();
    throw error;
  }
  return { share, mounts, close };
}
