/** The demo song shipped in public/demo/ (see public/demo/CREDITS.md): what the app opens and credits. */
export const DEMO_TRACK = {
  /** Same-origin URL; precached by the service worker so the demo works offline. */
  url: '/demo/coherence.opus',
  title: 'Coherence',
  artist: 'Max McCracken',
  licence: 'CC BY-SA 3.0',
  licenceUrl: 'https://creativecommons.org/licenses/by-sa/3.0/',
  /** Where the file comes from, and what was changed. */
  source: 'Endgame: Singularity soundtrack, Debian package singularity-music; excerpt 1:00–1:55, faded',
} as const;
