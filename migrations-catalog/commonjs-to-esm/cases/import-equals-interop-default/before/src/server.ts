import express = require('express');

export const app = express();
