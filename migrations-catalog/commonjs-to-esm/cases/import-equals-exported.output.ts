export import fs = require('fs');
