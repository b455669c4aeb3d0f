const fs = require('fs');
