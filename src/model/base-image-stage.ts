/**
 * The base images a Dockerfile's stages start from, as resources/jenkins-multiarch/base-images.sh
 * prints them: the lines of base_image_stages (common.sh), which resolves each FROM as podman
 * build does and which the Preflight stage checks the same images with. TypeScript only reads
 * them; it resolves no FROM itself.
 */
export interface BaseImageStage {
  /** The Dockerfile line its FROM starts at. */
  readonly line: number;
  /** The image, its variables substituted, as written otherwise (`debian:bookworm`). */
  readonly image: string;
  /** The platforms its stages are built for, in the order the config names them. */
  readonly platforms: readonly string[];
  /** true when its FROM's --platform names other platforms than the targets (as $BUILDPLATFORM). */
  readonly pinned: boolean;
  /** The image as the FROM writes it, before substitution (`$BASE`, `debian:${TAG}`). */
  readonly written: string;
}

/** What base-images.sh printed: the stages, and the ERROR lines' messages, if it printed any. */
export interface BaseImageListing {
  readonly stages: readonly BaseImageStage[];
  readonly problems: readonly string[];
}

const ERROR = 'ERROR: ';

/**
 * base-images.sh's output read: LINE|IMAGE|KIND|PLATFORM,...|AS-WRITTEN a line (AS-WRITTEN last,
 * whole, as the shell's `read` gives a last field), or an "ERROR: " line. Other lines (none are
 * expected) are left out.
 */
export function parseBaseImageListing(output: string): BaseImageListing {
  const stages: BaseImageStage[] = [];
  const problems: string[] = [];
  for (const text of output.split('\n')) {
    if (text.startsWith(ERROR)) {
      problems.push(text.slice(ERROR.length));
      continue;
    }
    // `s`: AS-WRITTEN is the rest of the line, whatever it holds (a \r, a U+2028), as `read` gives it.
    const match = /^(\d+)\|([^|]+)\|(targets|pinned)\|([^|]+)\|(.*)/s.exec(text);
    if (match === null) continue;
    const [, line = '', image = '', kind, platforms = '', written = ''] = match;
    stages.push({
      line: Number(line),
      image,
      platforms: platforms.split(','),
      pinned: kind === 'pinned',
      written,
    });
  }
  return { stages, problems };
}
