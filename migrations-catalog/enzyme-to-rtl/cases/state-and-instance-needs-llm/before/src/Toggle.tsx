import React from 'react';

export class Toggle extends React.Component<{}, { on: boolean }> {
  state = { on: false };
  render() {
    return <button onClick={() => this.setState({ on: !this.state.on })}>{this.state.on ? 'on' : 'off'}</button>;
  }
}
