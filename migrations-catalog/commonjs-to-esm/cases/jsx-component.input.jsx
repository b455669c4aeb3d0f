const React = require('react');
const { Button } = require('./button.jsx');

module.exports = function Toolbar() {
  return <Button label="save" />;
};
