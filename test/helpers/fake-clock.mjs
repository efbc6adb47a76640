// Preloaded with `node --import` by the determinism test: the clock reads a distinctive instant
// (19 July 2031, 13:37 UTC), so that any use of the clock in the output would show as a difference.
const FAKE = Date.UTC(2031, 6, 19, 13, 37, 0);
const RealDate = Date;
class FakeDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(FAKE);
    else super(...args);
  }
  static now() {
    return FAKE;
  }
}
globalThis.Date = FakeDate;
