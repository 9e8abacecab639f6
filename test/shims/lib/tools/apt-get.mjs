// apt-get: see ../apt.mjs
import { runApt } from '../apt.mjs';

runApt('apt-get');
