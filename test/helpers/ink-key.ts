// An Ink Key with nothing pressed, for tests that call key handlers and key splitters directly.
export { noKey } from '../../screens/hooks/useKeys';
