import { open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The few file operations the journal needs, each durable where it says so. The journal takes
 * them as an argument: unit tests hand in a fake that records the order of writes and syncs and
 * fails on demand (a full disk, an I/O error).
 */
export type JournalFs = {
  /** The whole file, or null when there is none. */
  read(path: string): Promise<string | null>;
  /** Opens the file for appending (made if missing, 0600). */
  openAppend(path: string): Promise<AppendHandle>;
  /**
   * Puts `text` in place of the file as one step: written beside as a temporary file, synced,
   * renamed over it, and the folder synced, so a power cut leaves the old file or the new one.
   */
  replace(path: string, text: string): Promise<void>;
  /** Deletes the file (if there is one), and syncs the folder. */
  remove(path: string): Promise<void>;
};

export type AppendHandle = {
  /** Appends and returns once the bytes are on the disk (write, then fdatasync). */
  appendDurably(text: string): Promise<void>;
  /** Cuts the file back to `size` bytes and syncs (after a write that failed half-way). */
  truncate(size: number): Promise<void>;
  size(): Promise<number>;
  close(): Promise<void>;
};

async function syncFolder(path: string): Promise<void> {
  const folder = await open(dirname(path), 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

/** The journal's file operations on the real disk. */
export const diskJournalFs: JournalFs = {
  async read(path) {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return null;
      }
      throw error;
    }
  },
  async openAppend(path) {
    const handle = await open(path, 'a', 0o600);
    // A new file's name must survive a power cut too, not only its bytes.
    await syncFolder(path);
    return {
      async appendDurably(text) {
        await handle.write(text);
        await handle.datasync();
      },
      async truncate(size) {
        await handle.truncate(size);
        await handle.datasync();
      },
      size: async () => (await handle.stat()).size,
      close: () => handle.close(),
    };
  },
  async remove(path) {
    await rm(path, { force: true });
    await syncFolder(path);
  },
  async replace(path, text) {
    const temporary = `${path}.tmp`;
    try {
      const handle = await open(temporary, 'w', 0o600);
      try {
        await handle.writeFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, path);
      await syncFolder(path);
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      throw error;
    }
  },
};
