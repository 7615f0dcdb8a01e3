/**
 * The characters that must never reach a terminal (or a JSON reader's
 * terminal) raw from text nightshift did not write: what can steer the
 * terminal and what can disguise the text around it. One list, so the
 * terminal form (visible.ts) and the JSON form (safe-json.ts) agree.
 *
 * - C0 controls U+0000–U+001F (ESC starts OSC 52 clipboard writes, title
 *   changes, screen clears; BEL ends OSC; a bare CR rewrites the line) —
 *   newline and tab are text and stay;
 * - DEL U+007F;
 * - C1 controls U+0080–U+009F (U+009B is a one-character CSI on terminals
 *   that honour 8-bit controls, U+009D an OSC);
 * - bidi controls that reorder what is shown (Trojan Source): the embeddings
 *   and overrides U+202A–U+202E, the isolates U+2066–U+2069, and the marks
 *   U+061C, U+200E, U+200F.
 */
export const BIDI_CONTROLS = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';

/** What JSON.stringify leaves raw (it escapes C0 itself): DEL, C1, bidi controls. */
export const HIDDEN_ABOVE_C0 = `\\u007f-\\u009f${BIDI_CONTROLS}`;

/** Every hidden character but newline and tab. */
export const HIDDEN = `\\u0000-\\u0008\\u000b-\\u001f${HIDDEN_ABOVE_C0}`;
