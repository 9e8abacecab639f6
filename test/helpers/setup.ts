// Ink renders differently (no live frames) when CI is set; screen tests need the TTY behaviour.
delete process.env['CI'];
delete process.env['CONTINUOUS_INTEGRATION'];
process.env['FORCE_COLOR'] = '0';
