/** A preset file we cannot read: the message says what is wrong and where, in one line for the user. */
export class PresetError extends Error {
  override name = 'PresetError';
}
