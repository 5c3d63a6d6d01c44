import { availableParallelism } from 'node:os';
import { hash, verify, Algorithm } from '@node-rs/argon2';
import type { Argon2Params } from '../config/config.js';
import { AppError } from '../core/errors.js';
import { randomToken } from './tokens.js';

/** Work waiting for a hashing slot beyond this many is refused (503) so a flood cannot exhaust memory (LOGIN-8). */
const DEFAULT_MAX_WAITING = 512;

/**
 * argon2id off the event loop (@node-rs/argon2 runs on the libuv pool), with a bound on how many
 * hashes run at once: each one holds `memoryCost` KiB.
 */
export class PasswordHasher {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly params: Argon2Params,
    private readonly concurrency = Math.max(2, availableParallelism()),
    private readonly maxWaiting = DEFAULT_MAX_WAITING,
  ) {}

  /** How many hashes run now and how many wait (for tests and metrics). */
  load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  hash(password: string): Promise<string> {
    return this.withSlot(() => hash(password, { ...this.options(), algorithm: Algorithm.Argon2id }));
  }

  async verify(stored: string, password: string): Promise<boolean> {
    return this.withSlot(() => verify(stored, password).catch(() => false));
  }

  /**
   * Spends the same work as a real verify, for identifiers without a password (LOGIN-5: equal
   * timing for unknown and known accounts).
   */
  async verifyDummy(password: string): Promise<false> {
    this.dummyHash ??= this.hash(randomToken());
    await this.verify(await this.dummyHash, password);
    return false;
  }

  /** Whether a stored hash was made with other parameters than the configured ones (LOGIN-8). */
  needsRehash(stored: string): boolean {
    const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
    if (!match) return true;
    const { memoryCost, timeCost, parallelism } = this.params;
    return Number(match[1]) !== memoryCost || Number(match[2]) !== timeCost || Number(match[3]) !== parallelism;
  }

  private options() {
    return { memoryCost: this.params.memoryCost, timeCost: this.params.timeCost, parallelism: this.params.parallelism };
  }

  private async withSlot<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw new AppError('UNAVAILABLE', 'unavailable', { retryAfterSeconds: 5 });
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter; `running` only drops when nobody waits.
      if (next) next();
      else this.running--;
    }
  }
}
