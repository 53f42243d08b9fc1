/**
 * Which corpus packages make up each music family style. The corpus has no genre tags, so families are
 * labelled by package, and only where a package's music is one style throughout; mixed soundtracks
 * (SuperTuxKart, Hedgewars, Naev, Warmux, OpenClonk...) count for the balance styles only. The basis of each
 * label is written next to it, and models/STYLES.md repeats it.
 */
export interface FamilyLabel {
  package: string;
  family: 'orchestral' | 'electronic' | 'rock';
  basis: string;
}

export const FAMILY_LABELS: readonly FamilyLabel[] = [
  {
    package: 'wesnoth-1.16-music',
    family: 'orchestral',
    basis: "Battle for Wesnoth's orchestral fantasy score",
  },
  {
    package: 'unknown-horizons',
    family: 'orchestral',
    basis: 'orchestral and classical pieces (among them Grieg, Peer Gynt Suite No. 1)',
  },
  { package: 'freecol', family: 'orchestral', basis: "FreeCol's orchestral and folk score" },
  {
    package: 'widelands-data',
    family: 'orchestral',
    basis: "Widelands' orchestral fantasy score (held out)",
  },
  {
    package: 'davegnukem-data',
    family: 'electronic',
    basis: "Eric Matyas's synthesizer game loops ('Techno-Caper', '8-Bit-Mayhem', 'Retro-Frantic')",
  },
  {
    package: 'trackballs-data',
    family: 'electronic',
    basis: "tracker-style synthesizer music ('c64revival')",
  },
  {
    package: 'marsshooter-data',
    family: 'rock',
    basis: 'songs by the metal band Obsidian Shell (debian/copyright of the package)',
  },
];
